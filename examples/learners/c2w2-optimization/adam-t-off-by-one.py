# twinnet check example: the course 2 week 2 optimization notebook (base correct.py) with update_parameters_with_adam bias-correcting with t + 1
# model: notebook c2w2-optimization
# bug: update_parameters_with_adam divides by (1 - beta1 ** (t + 1)) and (1 - beta2 ** (t + 1)) instead of the powers t
# expect: update_parameters_with_adam wrong: bias correction uses t + 1 instead of t

# In[1]:


import numpy as np
import matplotlib.pyplot as plt
import scipy.io
import math
import sklearn
import sklearn.datasets

from opt_utils_v1a import load_params_and_grads, initialize_parameters, forward_propagation, backward_propagation
from opt_utils_v1a import compute_cost, predict, predict_dec, plot_decision_boundary, load_dataset
from copy import deepcopy
from testCases import *
from public_tests import *

plt.rcParams['figure.figsize'] = (7.0, 4.0)
plt.rcParams['image.interpolation'] = 'nearest'
plt.rcParams['image.cmap'] = 'gray'


# In[2]:


# GRADED FUNCTION: update_parameters_with_gd

def update_parameters_with_gd(parameters, grads, learning_rate):
    """
    One step of plain gradient descent.

    parameters -- dict with W1, b1, ..., WL, bL
    grads -- dict with dW1, db1, ..., dWL, dbL
    learning_rate -- the step size

    Returns:
    parameters -- the updated dict
    """
    L = len(parameters) // 2 # number of layers

    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * grads["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * grads["db" + str(l)]
        # YOUR CODE ENDS HERE
    return parameters


# In[3]:


parameters, grads, learning_rate = update_parameters_with_gd_test_case()
learning_rate = 0.01
parameters = update_parameters_with_gd(parameters, grads, learning_rate)

print("W1 =\n" + str(parameters["W1"]))
print("b1 =\n" + str(parameters["b1"]))
print("W2 =\n" + str(parameters["W2"]))
print("b2 =\n" + str(parameters["b2"]))

update_parameters_with_gd_test(update_parameters_with_gd)


# In[4]:


# GRADED FUNCTION: random_mini_batches

def random_mini_batches(X, Y, mini_batch_size = 64, seed = 0):
    """
    Shuffles (X, Y) with one permutation and cuts it into mini-batches.

    X -- inputs, shape (input size, number of examples)
    Y -- labels, shape (1, number of examples)
    mini_batch_size -- examples per mini-batch
    seed -- seed of the shuffle

    Returns:
    mini_batches -- list of (mini_batch_X, mini_batch_Y); the last one is shorter when
                    m is not a multiple of mini_batch_size
    """

    np.random.seed(seed)
    m = X.shape[1]
    mini_batches = []

    # shuffle the columns of X and Y the same way
    permutation = list(np.random.permutation(m))
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation].reshape((1, m))

    inc = mini_batch_size

    # the full mini-batches
    num_complete_minibatches = math.floor(m / mini_batch_size)
    for k in range(0, num_complete_minibatches):
        # YOUR CODE STARTS HERE
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        # YOUR CODE ENDS HERE
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)

    # what is left over, fewer than mini_batch_size examples
    if m % mini_batch_size != 0:
        # YOUR CODE STARTS HERE
        mini_batch_X = shuffled_X[:, num_complete_minibatches * mini_batch_size : m]
        mini_batch_Y = shuffled_Y[:, num_complete_minibatches * mini_batch_size : m]
        # YOUR CODE ENDS HERE
        mini_batch = (mini_batch_X, mini_batch_Y)
        mini_batches.append(mini_batch)

    return mini_batches


# In[5]:


np.random.seed(1)
mini_batch_size = 64
nx = 12288
m = 148
X = np.array([x for x in range(nx * m)]).reshape((m, nx)).T
Y = np.random.randn(1, m) < 0.5

mini_batches = random_mini_batches(X, Y, mini_batch_size)
n_batches = len(mini_batches)

assert n_batches == math.ceil(m / mini_batch_size), f"Wrong number of mini batches. {n_batches} != {math.ceil(m / mini_batch_size)}"
for k in range(n_batches - 1):
    assert mini_batches[k][0].shape == (nx, mini_batch_size), f"Wrong shape in {k} mini batch for X"
    assert mini_batches[k][1].shape == (1, mini_batch_size), f"Wrong shape in {k} mini batch for Y"
    assert np.sum(np.sum(mini_batches[k][0] - mini_batches[k][0][0], axis=0)) == ((nx * (nx - 1) / 2 ) * mini_batch_size), "Wrong values. It happens if the order of X rows(features) changes"
if ( m % mini_batch_size > 0):
    assert mini_batches[n_batches - 1][0].shape == (nx, m % mini_batch_size), f"Wrong shape in the last minibatch. {mini_batches[n_batches - 1][0].shape} != {(nx, m % mini_batch_size)}"

assert np.allclose(mini_batches[0][0][0][0:3], [294912,  86016, 454656]), "Wrong values. Check the indexes used to form the mini batches"
assert np.allclose(mini_batches[-1][0][-1][0:3], [1425407, 1769471, 897023]), "Wrong values. Check the indexes used to form the mini batches"

print("\033[92mAll test passed!")


# In[6]:


t_X, t_Y, mini_batch_size = random_mini_batches_test_case()
mini_batches = random_mini_batches(t_X, t_Y, mini_batch_size)

print ("shape of the 1st mini_batch_X: " + str(mini_batches[0][0].shape))
print ("shape of the 2nd mini_batch_X: " + str(mini_batches[1][0].shape))
print ("shape of the 3rd mini_batch_X: " + str(mini_batches[2][0].shape))
print ("mini batch sanity check: " + str(mini_batches[0][0][0][0:3]))

random_mini_batches_test(random_mini_batches)


# In[7]:


# GRADED FUNCTION: initialize_velocity

def initialize_velocity(parameters):
    """
    Zero velocities, one per gradient.

    Returns:
    v -- dict with v["dW" + str(l)] and v["db" + str(l)], zeros of the shape of W and b
    """

    L = len(parameters) // 2
    v = {}

    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        # YOUR CODE ENDS HERE

    return v


# In[8]:


parameters = initialize_velocity_test_case()

v = initialize_velocity(parameters)
print("v[\"dW1\"] =\n" + str(v["dW1"]))
print("v[\"db1\"] =\n" + str(v["db1"]))

initialize_velocity_test(initialize_velocity)


# In[9]:


# GRADED FUNCTION: update_parameters_with_momentum

def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """
    One step of gradient descent with momentum.

    v -- the velocities, from initialize_velocity() or the previous step
    beta -- the momentum, a scalar

    Returns:
    parameters -- the updated parameters
    v -- the updated velocities
    """

    L = len(parameters) // 2

    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = beta * v["dW" + str(l)] + (1 - beta) * grads["dW" + str(l)]
        v["db" + str(l)] = beta * v["db" + str(l)] + (1 - beta) * grads["db" + str(l)]
        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v["dW" + str(l)]
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v["db" + str(l)]
        # YOUR CODE ENDS HERE

    return parameters, v


# In[10]:


parameters, grads, v = update_parameters_with_momentum_test_case()

parameters, v = update_parameters_with_momentum(parameters, grads, v, beta = 0.9, learning_rate = 0.01)
print("W1 = \n" + str(parameters["W1"]))
print("v[\"dW1\"] = \n" + str(v["dW1"]))

update_parameters_with_momentum_test(update_parameters_with_momentum)


# In[11]:


# GRADED FUNCTION: initialize_adam

def initialize_adam(parameters) :
    """
    Zero first (v) and second (s) moment estimates, one per gradient.

    Returns:
    v -- dict of zeros, keys dW1, db1, ...
    s -- dict of zeros, the same keys
    """

    L = len(parameters) // 2
    v = {}
    s = {}

    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        v["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        s["dW" + str(l)] = np.zeros(parameters["W" + str(l)].shape)
        s["db" + str(l)] = np.zeros(parameters["b" + str(l)].shape)
        # YOUR CODE ENDS HERE

    return v, s


# In[12]:


parameters = initialize_adam_test_case()

v, s = initialize_adam(parameters)
print("v[\"dW1\"] = \n" + str(v["dW1"]))
print("s[\"dW1\"] = \n" + str(s["dW1"]))

initialize_adam_test(initialize_adam)


# In[13]:


# GRADED FUNCTION: update_parameters_with_adam

def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate = 0.01,
                                beta1 = 0.9, beta2 = 0.999,  epsilon = 1e-8):
    """
    One Adam step.

    v, s -- moving averages of the gradient and of the squared gradient
    t -- the number of Adam steps taken so far, counting this one
    beta1, beta2 -- decay rates of v and s
    epsilon -- keeps the division away from zero

    Returns:
    parameters, v, s -- updated
    v_corrected, s_corrected -- the bias-corrected v and s of this step
    """

    L = len(parameters) // 2
    v_corrected = {}
    s_corrected = {}

    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        v["dW" + str(l)] = beta1 * v["dW" + str(l)] + (1 - beta1) * grads["dW" + str(l)]
        v["db" + str(l)] = beta1 * v["db" + str(l)] + (1 - beta1) * grads["db" + str(l)]

        v_corrected["dW" + str(l)] = v["dW" + str(l)] / (1 - beta1 ** (t + 1))
        v_corrected["db" + str(l)] = v["db" + str(l)] / (1 - beta1 ** (t + 1))

        s["dW" + str(l)] = beta2 * s["dW" + str(l)] + (1 - beta2) * np.square(grads["dW" + str(l)])
        s["db" + str(l)] = beta2 * s["db" + str(l)] + (1 - beta2) * np.square(grads["db" + str(l)])

        s_corrected["dW" + str(l)] = s["dW" + str(l)] / (1 - beta2 ** (t + 1))
        s_corrected["db" + str(l)] = s["db" + str(l)] / (1 - beta2 ** (t + 1))

        parameters["W" + str(l)] = parameters["W" + str(l)] - learning_rate * v_corrected["dW" + str(l)] / (np.sqrt(s_corrected["dW" + str(l)]) + epsilon)
        parameters["b" + str(l)] = parameters["b" + str(l)] - learning_rate * v_corrected["db" + str(l)] / (np.sqrt(s_corrected["db" + str(l)]) + epsilon)
        # YOUR CODE ENDS HERE

    return parameters, v, s, v_corrected, s_corrected


# In[14]:


parametersi, grads, vi, si = update_parameters_with_adam_test_case()

t = 2
learning_rate = 0.02
beta1 = 0.8
beta2 = 0.888
epsilon = 1e-2

parameters, v, s, vc, sc  = update_parameters_with_adam(parametersi, grads, vi, si, t, learning_rate, beta1, beta2, epsilon)
print(f"W1 = \n{parameters['W1']}")
print(f"b1 = \n{parameters['b1']}")

update_parameters_with_adam_test(update_parameters_with_adam)


# In[15]:


train_X, train_Y = load_dataset()


# In[16]:


# GRADED FUNCTION: update_lr

def update_lr(learning_rate0, epoch_num, decay_rate):
    """
    Learning rate decay: learning_rate0 / (1 + decay_rate * epoch_num).

    Returns:
    learning_rate -- the decayed learning rate
    """
    # YOUR CODE STARTS HERE
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    # YOUR CODE ENDS HERE
    return learning_rate


# In[17]:


learning_rate = 0.5
print("Original learning rate: ", learning_rate)
epoch_num = 2
decay_rate = 1
learning_rate_2 = update_lr(learning_rate, epoch_num, decay_rate)

print("Updated learning rate: ", learning_rate_2)

update_lr_test(update_lr)


# In[18]:


# GRADED FUNCTION: schedule_lr_decay

def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """
    Decay in steps: the rate drops once every time_interval epochs.

    Returns:
    learning_rate -- learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval))
    """
    # YOUR CODE STARTS HERE
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    # YOUR CODE ENDS HERE
    return learning_rate


# In[19]:


learning_rate = 0.5
print("Original learning rate: ", learning_rate)

epoch_num_1 = 10
epoch_num_2 = 100
decay_rate = 0.3
time_interval = 100
learning_rate_1 = schedule_lr_decay(learning_rate, epoch_num_1, decay_rate, time_interval)
learning_rate_2 = schedule_lr_decay(learning_rate, epoch_num_2, decay_rate, time_interval)
print("Updated learning rate after {} epochs: ".format(epoch_num_1), learning_rate_1)
print("Updated learning rate after {} epochs: ".format(epoch_num_2), learning_rate_2)

schedule_lr_decay_test(schedule_lr_decay)
