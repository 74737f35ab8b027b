# twinnet check example: the course 2 week 1 initialization notebook (base correct.py) with initialize_parameters_random without the * 10
# model: notebook c2w1-initialization
# bug: initialize_parameters_random draws W = np.random.randn(...) without multiplying by 10
# expect: initialize_parameters_random wrong: weights not multiplied by 10 (10 times too small)

# In[1]:


import numpy as np
import matplotlib.pyplot as plt
import sklearn
import sklearn.datasets
from public_tests import *
from init_utils import sigmoid, relu, compute_loss, forward_propagation, backward_propagation
from init_utils import update_parameters, predict, load_dataset, plot_decision_boundary, predict_dec

plt.rcParams['figure.figsize'] = (7.0, 4.0)
plt.rcParams['image.interpolation'] = 'nearest'
plt.rcParams['image.cmap'] = 'gray'


# In[2]:


# blue and red dots on two circles
train_X, train_Y, test_X, test_Y = load_dataset()
plt.scatter(train_X[0, :], train_X[1, :], c=train_Y, s=40, cmap=plt.cm.Spectral);


# In[3]:


# GRADED FUNCTION: initialize_parameters_zeros

def initialize_parameters_zeros(layers_dims):
    """
    layers_dims -- list with the size of each layer, input first

    Returns:
    parameters -- dict with W1 (layers_dims[1], layers_dims[0]), b1 (layers_dims[1], 1), ...
                  every entry zero
    """
    parameters = {}
    L = len(layers_dims)

    for l in range(1, L):
        # YOUR CODE STARTS HERE
        parameters['W' + str(l)] = np.zeros((layers_dims[l], layers_dims[l-1]))
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        # YOUR CODE ENDS HERE
    return parameters


# In[4]:


parameters = initialize_parameters_zeros([3, 2, 1])
print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))

initialize_parameters_zeros_test(initialize_parameters_zeros)


# In[5]:


# GRADED FUNCTION: initialize_parameters_random

def initialize_parameters_random(layers_dims):
    """
    Large random weights (standard normal times 10), zero biases.

    Returns:
    parameters -- dict with W1, b1, ..., WL, bL
    """

    np.random.seed(3)               # the same draws as the grader
    parameters = {}
    L = len(layers_dims)

    for l in range(1, L):
        # YOUR CODE STARTS HERE
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        # YOUR CODE ENDS HERE

    return parameters


# In[6]:


parameters = initialize_parameters_random([3, 2, 1])
print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))

initialize_parameters_random_test(initialize_parameters_random)


# In[7]:


# GRADED FUNCTION: initialize_parameters_he

def initialize_parameters_he(layers_dims):
    """
    He initialization: standard normal times sqrt(2 / size of the previous layer), zero biases.

    Returns:
    parameters -- dict with W1, b1, ..., WL, bL
    """

    np.random.seed(3)
    parameters = {}
    L = len(layers_dims) - 1 # number of layers

    for l in range(1, L + 1):
        # YOUR CODE STARTS HERE
        parameters['W' + str(l)] = np.random.randn(layers_dims[l], layers_dims[l-1]) * np.sqrt(2 / layers_dims[l-1])
        parameters['b' + str(l)] = np.zeros((layers_dims[l], 1))
        # YOUR CODE ENDS HERE

    return parameters


# In[8]:


parameters = initialize_parameters_he([2, 4, 1])
print("W1 = " + str(parameters["W1"]))
print("b1 = " + str(parameters["b1"]))
print("W2 = " + str(parameters["W2"]))
print("b2 = " + str(parameters["b2"]))

initialize_parameters_he_test(initialize_parameters_he)
